using CompressionSafety.Cli;

return await CliApp.InvokeAsync(args).ConfigureAwait(false);
