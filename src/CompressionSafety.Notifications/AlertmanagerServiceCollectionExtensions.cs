using Microsoft.Extensions.DependencyInjection;

namespace CompressionSafety.Notifications;

/// <summary>Registers the HTTP client the Alertmanager notifier uses.</summary>
public static class AlertmanagerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="AlertmanagerOptions.HttpClientName"/> client through <see cref="IHttpClientFactory"/> with the
    /// standard resilience handler (retries with exponential back-off and jitter on 5xx, 408, 429 and connection errors,
    /// per-attempt and total timeouts, a circuit breaker).
    /// </summary>
    public static IServiceCollection AddAlertmanagerHttpClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient(AlertmanagerOptions.HttpClientName).AddStandardResilienceHandler();
        return services;
    }

    /// <summary>For a process without a host (the CLI): a container holding only the resilient Alertmanager client.</summary>
    public static IHttpClientFactory StandaloneHttpClientFactory() =>
        new ServiceCollection().AddAlertmanagerHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    /// <summary>The notifier for <paramref name="options"/>, its client taken from <paramref name="factory"/>.</summary>
    public static AlertmanagerNotifier CreateAlertmanagerNotifier(this IHttpClientFactory factory, AlertmanagerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new AlertmanagerNotifier(options, factory.CreateClient(AlertmanagerOptions.HttpClientName), time);
    }
}
