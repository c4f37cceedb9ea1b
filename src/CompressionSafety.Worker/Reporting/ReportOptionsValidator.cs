using System.ComponentModel.DataAnnotations;
using CompressionSafety.Worker.Archive;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Reporting;

/// <summary>Checks the <c>Reports</c> section at start: the ranges, <c>RunAt</c> inside a period, and an archive to read from.</summary>
internal sealed class ReportOptionsValidator(IOptions<ArchiveOptions> archive) : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var errors = results.Select(r => $"{ReportOptions.SectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
        if (options.RunAt >= options.Period)
        {
            errors.Add($"{ReportOptions.SectionName}:RunAt: must be less than Period ({options.Period}), got {options.RunAt}.");
        }

        if (string.IsNullOrWhiteSpace(archive.Value.Directory))
        {
            errors.Add($"{ReportOptions.SectionName}: the report is built from the archive; set {ArchiveOptions.SectionName}:Directory.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
