using Microsoft.Extensions.Options;

namespace CompressionSafety.InfluxDb;

/// <summary>Checks what attributes cannot: the relations between fields and that a token can be found.</summary>
internal sealed class InfluxDbOptionsValidator : IValidateOptions<InfluxDbOptions>
{
    public ValidateOptionsResult Validate(string? name, InfluxDbOptions options)
    {
        var failures = new List<string>();
        if (options.MaxExportBatchSize > options.MaxQueueSize)
        {
            failures.Add($"{InfluxDbOptions.SectionName}:MaxExportBatchSize ({options.MaxExportBatchSize}) must not exceed MaxQueueSize ({options.MaxQueueSize}).");
        }

        if (options.InitialBackoff > options.MaxBackoff)
        {
            failures.Add($"{InfluxDbOptions.SectionName}:InitialBackoff must not exceed MaxBackoff.");
        }

        if (!InfluxTokenSource.TryResolve(options, out _, out var problem))
        {
            failures.Add(problem);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
