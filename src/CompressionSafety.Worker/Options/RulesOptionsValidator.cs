using CompressionSafety.Engine.Rules;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Options;

/// <summary>Refuses to start on an invalid rule set, with the same messages as <c>compression-safety rules validate</c>.</summary>
internal sealed class RulesOptionsValidator : IValidateOptions<RulesOptions>
{
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            return ValidateOptionsResult.Success;
        }

        if (!System.IO.Directory.Exists(options.Directory))
        {
            return ValidateOptionsResult.Fail($"Rules:Directory: folder not found: {options.Directory}");
        }

        var (_, errors) = RuleLoader.ValidateDirectory(options.Directory);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => "Rules: " + e));
    }
}
