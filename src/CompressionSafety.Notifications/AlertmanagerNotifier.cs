using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Notifications;

/// <summary>
/// A client of Alertmanager's <c>POST /api/v2/alerts</c>, as Prometheus is: labels identify the alert (alertname = rule
/// id, severity, model, variant, slice, gate and the rule's labels such as team), every active alert is re-sent every
/// <see cref="AlertmanagerOptions.ResendDelay"/> on the injected clock with <c>endsAt</c> as a rolling lease, and a
/// resolution (or a mute by a critical incident on the same key) is sent with <c>endsAt</c> = the time it happened.
/// Grouping, silences, inhibition, routing and de-duplication across replicas are then Alertmanager's.
/// <see cref="Publish"/> never blocks: state changes go to a bounded queue (full: dropped and counted); one worker sends
/// to every URL through the <see cref="AlertmanagerOptions.HttpClientName"/> client, whose resilience handler retries.
/// </summary>
public sealed class AlertmanagerNotifier : IIncidentSink, IAsyncDisposable
{
    private readonly AlertmanagerOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Channel<Incident> _queue;
    private readonly Dictionary<string, (Incident Incident, DateTimeOffset StartsAt)> _active = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private long _dropped;
    private long _sent;
    private long _failed;
    private long _resends;
    private int _activeCount;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, string> _failing = new();

    /// <summary>Starts the worker; <paramref name="http"/> comes from <see cref="IHttpClientFactory"/> (see <see cref="AlertmanagerServiceCollectionExtensions"/>).</summary>
    public AlertmanagerNotifier(AlertmanagerOptions options, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Urls.Count == 0)
        {
            throw new ArgumentException("Alertmanager Urls needs at least one URL.", nameof(options));
        }

        _options = options;
        _http = http;
        _time = time;
        _queue = Channel.CreateBounded<Incident>(new BoundedChannelOptions(options.QueueCapacity)
        {
            // Wait mode makes TryWrite fail when full, so a drop is visible and counted rather than silent.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _worker = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>State changes dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Requests an Alertmanager accepted (one per URL per send).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests that failed after the resilience handler's retries.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Scheduled re-sends of the active alerts so far.</summary>
    public long Resends => Interlocked.Read(ref _resends);

    /// <summary>
    /// The Alertmanagers whose latest request failed (after the resilience handler's retries), each as "url: error";
    /// empty when the latest request to every URL was accepted. Health reads it.
    /// </summary>
    public IReadOnlyList<string> Failing => [.. _failing.OrderBy(f => f.Key.ToString(), StringComparer.Ordinal).Select(f => f.Key + ": " + f.Value)];

    /// <summary>Alerts currently firing in Alertmanager as far as this client knows.</summary>
    public int Active => Volatile.Read(ref _activeCount);

    /// <inheritdoc/>
    public void Publish(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!_queue.Writer.TryWrite(incident))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Stops accepting state changes and waits until the queued ones are sent (or <paramref name="cancellationToken"/> fires).</summary>
    /// <remarks>Active alerts are not resolved: they stay firing until their lease runs out, or a restarted worker re-sends them.</remarks>
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
        var nextResend = _time.GetUtcNow() + _options.ResendDelay;
        var open = true;
        while (open)
        {
            open = await WaitAsync(reader, nextResend, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var batch = new List<PostableAlert>();
            var changed = new HashSet<string>(StringComparer.Ordinal);
            while (reader.TryRead(out var incident))
            {
                if (Apply(incident, now) is { } alert)
                {
                    batch.Add(alert);
                    changed.Add(incident.Id);
                }
            }

            if (now >= nextResend)
            {
                // Every active alert again, with a fresh lease; what changed in this round is already in the batch.
                batch.AddRange(_active.Where(a => !changed.Contains(a.Key)).Select(a => Firing(a.Value.Incident, a.Value.StartsAt, now)));
                nextResend = now + _options.ResendDelay;
                Interlocked.Increment(ref _resends);
            }

            Volatile.Write(ref _activeCount, _active.Count);
            if (batch.Count > 0)
            {
                await SendAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for a state change or the next re-send; false once the queue is completed and empty.</summary>
    private async Task<bool> WaitAsync(ChannelReader<Incident> reader, DateTimeOffset nextResend, CancellationToken cancellationToken)
    {
        var due = nextResend - _time.GetUtcNow();
        if (due <= TimeSpan.Zero || reader.TryPeek(out _))
        {
            return true;
        }

        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readable = reader.WaitToReadAsync(race.Token).AsTask();
        var delay = Task.Delay(due, _time, race.Token);
        var first = await Task.WhenAny(readable, delay).ConfigureAwait(false);
        await race.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first == readable)
        {
            return await readable.ConfigureAwait(false);
        }

        try
        {
            await readable.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loser of the race was cancelled on purpose.
        }

        return true;
    }

    /// <summary>Updates the active set with one state change; returns what to send for it, if anything.</summary>
    private PostableAlert? Apply(Incident incident, DateTimeOffset now)
    {
        if (AlertText.IsFiring(incident))
        {
            var startsAt = _active.TryGetValue(incident.Id, out var known) ? known.StartsAt : now;
            _active[incident.Id] = (incident, startsAt);
            return Firing(incident, startsAt, now);
        }

        // Resolved, or muted by a critical incident on the same key: it ends now. Unknown ones were never announced.
        return _active.Remove(incident.Id, out var active) ? ToAlert(incident, active.StartsAt, now) : null;
    }

    private PostableAlert Firing(Incident incident, DateTimeOffset startsAt, DateTimeOffset now) =>
        ToAlert(incident, startsAt, now + _options.Lease);

    private PostableAlert ToAlert(Incident incident, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var evidence = EvidenceUrl(incident);
        var annotations = AlertText.Annotations(incident);
        annotations["evidence"] = evidence;
        annotations["incident_id"] = incident.Id;
        annotations["window_start"] = AlertText.Time(incident.WindowStart);
        return new PostableAlert(incident.Labels, annotations, AlertText.Time(startsAt), AlertText.Time(endsAt), evidence);
    }

    /// <summary>The model drill-down for the incident's key over the event time its evidence covers.</summary>
    private string EvidenceUrl(Incident incident)
    {
        var e = incident.Evidence;
        var query = string.Join('&',
            "var-model=" + Uri.EscapeDataString(incident.Key.Model),
            "var-variant=" + Uri.EscapeDataString(incident.Key.Variant),
            "var-slice=" + Uri.EscapeDataString(incident.Key.Slice),
            "from=" + e.EventTimeStart.AddHours(-1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "to=" + e.EventTimeEnd.AddHours(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return new Uri(_options.DashboardUrl!, "d/cs-model?" + query).AbsoluteUri;
    }

    private async Task SendAsync(List<PostableAlert> batch, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(batch, AlertmanagerJson.Default.ListPostableAlert);
        await Task.WhenAll(_options.Urls.Select(url => PostAsync(url, body, cancellationToken))).ConfigureAwait(false);
    }

    private async Task PostAsync(Uri url, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(new Uri(url, "api/v2/alerts"), content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            Interlocked.Increment(ref _sent);
            _failing.TryRemove(url, out _);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // One unreachable replica must not stop the others or the worker; the next re-send tries again.
            _failing[url] = ex.Message;
            Interlocked.Increment(ref _failed);
        }
    }
}
