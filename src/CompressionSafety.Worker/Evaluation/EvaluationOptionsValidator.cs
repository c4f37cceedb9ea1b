using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Evaluation;

/// <summary>Checks the data annotations on <see cref="EvaluationOptions"/> so bad configuration fails at start with every problem listed.</summary>
internal sealed class EvaluationOptionsValidator : IValidateOptions<EvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationOptions options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{EvaluationOptions.SectionName}: {r.ErrorMessage}"));
    }
}
