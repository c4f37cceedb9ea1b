using CompressionSafety.Cli;

var parse = CliApp.CreateRootCommand().Parse(args);
return await parse.InvokeAsync(CliApp.InvocationFor(parse)).ConfigureAwait(false);
