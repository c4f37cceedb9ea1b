using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Archive;

/// <summary>Checks the <c>Archive</c> section at start: the ranges, and that the folder exists or can be created.</summary>
internal sealed class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var errors = results.Select(r => $"{ArchiveOptions.SectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            errors.Add($"{ArchiveOptions.SectionName}:Directory: required when the section is present.");
        }
        else
        {
            try
            {
                // Creating it now turns a read-only mount into a start-up error instead of a failure at the first window.
                System.IO.Directory.CreateDirectory(options.Directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add($"{ArchiveOptions.SectionName}:Directory: cannot create '{options.Directory}': {ex.Message}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
