using System.CommandLine;
using System.Globalization;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Cli.Commands;

/// <summary><c>compression-safety rules validate DIR</c>: checks every rule file and prints each error.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Folder of rule files (*.yaml, *.yml), see docs/rules.md." };
        var validate = new Command("validate", "Check every rule file of a folder; print each error with file, line and rule id.") { directory };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(directory)!;
            var (set, errors) = RuleLoader.ValidateDirectory(dir.FullName);
            if (await ReportAsync(errors, parse.InvocationConfiguration.Error).ConfigureAwait(false))
            {
                return ExitCodes.InvalidConfiguration;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"ok: {set.Rules.Count} rules, {set.Silences.Count} silences in {dir.FullName}")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return new Command("rules", "Alert rules.") { validate };
    }

    /// <summary>Prints every error as <c>error: file:line: rule 'id': message</c>; true when there was any.</summary>
    public static async Task<bool> ReportAsync(IReadOnlyList<RuleError> errors, TextWriter stderr)
    {
        foreach (var error in errors)
        {
            await stderr.WriteLineAsync("error: " + error).ConfigureAwait(false);
        }

        return errors.Count > 0;
    }
}
