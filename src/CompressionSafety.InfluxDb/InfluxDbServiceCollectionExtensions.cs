using System.Diagnostics.Metrics;
using CompressionSafety.Engine.Output;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.InfluxDb;

/// <summary>Registers the InfluxDB sink.</summary>
public static class InfluxDbServiceCollectionExtensions
{
    /// <summary>True when the <see cref="InfluxDbOptions.SectionName"/> section names a URL, i.e. InfluxDB is wanted.</summary>
    public static bool IsInfluxDbConfigured(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration.GetSection(InfluxDbOptions.SectionName)[nameof(InfluxDbOptions.Url)]);
    }

    /// <summary>
    /// When InfluxDB is configured (<see cref="IsInfluxDbConfigured"/>), registers validated <see cref="InfluxDbOptions"/>
    /// (checked at start), <see cref="InfluxDbMetricsSink"/> as <see cref="IMetricsSink"/> and <see cref="InfluxDbHealthCheck"/>.
    /// Otherwise registers nothing, so the caller's <c>TryAddSingleton&lt;IMetricsSink&gt;</c> of the line-protocol file sink wins.
    /// </summary>
    public static IServiceCollection AddInfluxDbMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.IsInfluxDbConfigured())
        {
            return services;
        }

        services.AddOptions<InfluxDbOptions>()
            .Bind(configuration.GetSection(InfluxDbOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InfluxDbOptions>, InfluxDbOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new InfluxDbMetricsSink(
            provider.GetRequiredService<IOptions<InfluxDbOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<InfluxDbMetricsSink>>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<IMetricsSink>(provider => provider.GetRequiredService<InfluxDbMetricsSink>());
        services.TryAddSingleton<InfluxDbHealthCheck>();
        return services;
    }
}
