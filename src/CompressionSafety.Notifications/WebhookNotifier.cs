using System.Net.Http.Headers;
using System.Threading.Channels;
using CompressionSafety.Engine.Rules;
using Polly;
using Polly.Retry;

namespace CompressionSafety.Notifications;

/// <summary>
/// Posts incidents to an Alertmanager-compatible webhook. <see cref="Publish"/> never blocks the engine: incidents go to
/// a bounded queue (full: dropped and counted); a worker drains it in batches, groups each batch by
/// <see cref="WebhookOptions.GroupBy"/> labels into one version-4 payload per group, signs the body with HMAC-SHA256 and
/// retries failures with exponential back-off and jitter.
/// </summary>
public sealed class WebhookNotifier : IIncidentSink, IAsyncDisposable
{
    private readonly WebhookOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Channel<Incident> _queue;
    private readonly ResiliencePipeline _pipeline;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private long _dropped;
    private long _sent;
    private long _failed;
    private long _attempts;
    private long _incidentsSent;
    private long _incidentsFailed;
    private string? _lastError;
    private volatile bool _lastDeliveryFailed;

    /// <summary>Starts the worker.</summary>
    public WebhookNotifier(WebhookOptions options, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Url is null)
        {
            throw new ArgumentException("Webhook Url is required.", nameof(options));
        }

        _options = options;
        _http = http;
        _time = time;

        // Wait mode makes TryWrite fail when full, so a drop is visible and counted rather than silent.
        _queue = Channel.CreateBounded<Incident>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                Delay = options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutException>(),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? "unknown failure";
                    _lastError = reason;
                    AttemptFailed?.Invoke($"attempt {args.AttemptNumber + 1} to {options.Url} failed ({reason}); retrying in {args.RetryDelay.TotalSeconds:0.0} s");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        _worker = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Incidents dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Payloads delivered (a 2xx answer).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Payloads given up after every retry.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>HTTP attempts made, retries included.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Incident state changes delivered. Unlike <see cref="Sent"/> it does not depend on how the queue was batched.</summary>
    public long IncidentsSent => Interlocked.Read(ref _incidentsSent);

    /// <summary>Incident state changes in payloads given up after every retry.</summary>
    public long IncidentsFailed => Interlocked.Read(ref _incidentsFailed);

    /// <summary>Why the last failed attempt failed (status code or connection error), or null when none failed.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Whether the latest payload was given up on (after its retries); the next delivered one clears it. Health reads it.</summary>
    public bool LastDeliveryFailed => _lastDeliveryFailed;

    /// <summary>Told, on the sending thread, of every failed attempt that will be retried, with the reason and the delay.</summary>
    public Action<string>? AttemptFailed { get; init; }

    /// <inheritdoc/>
    public void Publish(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);

        // The receiver was told this incident ended when it became inhibited; its resolution under inhibition adds nothing.
        if (incident is { Status: IncidentStatus.Resolved, Inhibited: true })
        {
            return;
        }

        if (!_queue.Writer.TryWrite(incident))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Stops accepting incidents and waits until the queue is drained (or <paramref name="cancellationToken"/> fires).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _worker.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the worker without waiting for the queue to drain.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-send is what dispose asks for.
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        var batch = new List<Incident>(_options.MaxBatch);
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var incident))
            {
                batch.Add(incident);
            }

            foreach (var (groupLabels, items) in NotificationGroups.Group(batch, _options.GroupBy))
            {
                await SendAsync(AlertmanagerPayload.Build(items, groupLabels, _options.Receiver), items.Count, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(byte[] body, int incidents, CancellationToken cancellationToken)
    {
        var signature = WebhookSignature.Sign(body, _options.Secret);
        try
        {
            await _pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref _attempts);
                    using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
                    using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.TryAddWithoutValidation(_options.SignatureHeader, signature);
                    try
                    {
                        using var response = await _http.SendAsync(request, attempt.Token).ConfigureAwait(false);
                        response.EnsureSuccessStatusCode();
                    }
                    catch (OperationCanceledException) when (timeout.IsCancellationRequested && !token.IsCancellationRequested)
                    {
                        // A slow receiver is a retryable failure, not a shutdown.
                        throw new TimeoutException($"webhook attempt exceeded {_options.AttemptTimeout}");
                    }
                },
                cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            Interlocked.Add(ref _incidentsSent, incidents);
            _lastDeliveryFailed = false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            // One undeliverable payload must not kill the worker: count it and go on with the next.
            Volatile.Write(ref _lastError, ex.Message);
            _lastDeliveryFailed = true;
            Interlocked.Increment(ref _failed);
            Interlocked.Add(ref _incidentsFailed, incidents);
        }
    }
}
