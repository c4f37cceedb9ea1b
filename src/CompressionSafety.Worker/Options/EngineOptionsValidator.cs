using CompressionSafety.Engine;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Options;

/// <summary>Validates section <c>Engine</c> with <see cref="EngineOptions.Validate"/>, each message naming its setting (<c>Engine:WindowSize: ...</c>).</summary>
internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => EngineOptions.SectionName + ":" + e));
    }
}
