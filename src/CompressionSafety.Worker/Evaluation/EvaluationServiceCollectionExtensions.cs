using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Evaluation;

/// <summary>Registers the scheduled baseline re-evaluation.</summary>
public static class EvaluationServiceCollectionExtensions
{
    /// <summary>Adds the options (validated at start), the runner and the hosted service.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">Configuration holding the <c>Evaluation</c> section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddEvaluation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<EvaluationOptions>()
            .Bind(configuration.GetSection(EvaluationOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationOptions>, EvaluationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEvaluationRunner, EvaluationRunner>();
        services.AddHostedService<EvaluationService>();
        return services;
    }
}
