using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Options;

/// <summary>
/// Checks the <c>[Required]</c>/<c>[Range]</c> attributes (without the DataAnnotations options package) and what
/// attributes cannot express: secret files exist and topics do not collide.
/// </summary>
internal sealed class KafkaWorkerOptionsValidator : IValidateOptions<KafkaWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var errors = results.Select(r => $"Kafka:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}").ToList();
        foreach (var (property, path) in options.ClientPropertyFiles)
        {
            if (!File.Exists(path))
            {
                // The path is not secret; the file's content is.
                errors.Add($"Kafka:ClientPropertyFiles:{property}: file '{path}' does not exist.");
            }
        }

        string[] outputs = [options.IncidentTopic, options.ReviewTopic, options.DeadLetterTopic];
        if (outputs.Contains(options.InferenceLogTopic, StringComparer.Ordinal)
            || (!string.IsNullOrEmpty(options.LabelTopic) && outputs.Contains(options.LabelTopic, StringComparer.Ordinal)))
        {
            errors.Add("Kafka: an output topic must not be an input topic (the worker would consume its own output).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
