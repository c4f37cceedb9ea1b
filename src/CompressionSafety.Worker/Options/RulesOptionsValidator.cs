using CompressionSafety.Engine.Rules;
using CompressionSafety.Worker.Silences;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Options;

/// <summary>Refuses to start on an invalid rule set, with the same messages as <c>compression-safety rules validate</c>.</summary>
internal sealed class RulesOptionsValidator : IValidateOptions<RulesOptions>
{
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        if (options.SilencesFile is { Length: > 0 } silences)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(silences));
            if (folder is not null && !System.IO.Directory.Exists(folder))
            {
                return ValidateOptionsResult.Fail($"Rules:SilencesFile: folder not found: {folder}");
            }

            try
            {
                SilenceFile.Load(silences);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return ValidateOptionsResult.Fail("Rules:SilencesFile: " + ex.Message);
            }
        }

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
