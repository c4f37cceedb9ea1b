using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Reporting;

/// <summary>Registers the scheduled revalidation report.</summary>
public static class ReportServiceCollectionExtensions
{
    /// <summary>Adds the <c>Reports</c> options (validated at start), the runner, its counters and the hosted service.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">Configuration holding the <c>Reports</c> and <c>Archive</c> sections.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddScheduledReports(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<ReportOptions>()
            .Bind(configuration.GetSection(ReportOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>());
        services.AddOptions<Archive.ArchiveOptions>().Bind(configuration.GetSection(Archive.ArchiveOptions.SectionName));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReportMetrics>();
        services.TryAddSingleton<ReportRunner>();
        services.AddHostedService<ReportService>();
        return services;
    }
}
