using System.Globalization;
using System.Text.Json;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Silences;

/// <summary>
/// Alertmanager-like silence endpoints, mapped as minimal APIs on the worker's HTTP server (<see cref="SilenceEndpoints"/>):
/// <c>GET /api/v2/silences</c>, <c>POST /api/v2/silences</c> (returns <c>{"silenceID": ...}</c>) and
/// <c>DELETE /api/v2/silence/{id}</c>. Changes go to the shared <see cref="SilenceStore"/> that every rule evaluator
/// reads, and to <see cref="RulesOptions.SilencesFile"/> when set. Each method answers a status code and a JSON body.
/// </summary>
/// <remarks>
/// Reading is open; changing (POST, DELETE) needs <c>Authorization: Bearer</c> with <see cref="HealthEndpointOptions.SilenceToken"/>
/// when it is set, and is refused without one unless the server is bound to the loopback interface only: a container's
/// <c>http://*:8080/</c> is reachable by everything that can reach its probes.
/// </remarks>
internal sealed partial class SilenceApi(
    SilenceStore store, IOptions<RulesOptions> options, TimeProvider time, ILogger<SilenceApi> logger, IOptions<HealthEndpointOptions>? endpoint = null)
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The list route.</summary>
    public const string ListPath = "/api/v2/silences";

    /// <summary>The item route.</summary>
    public const string ItemPath = "/api/v2/silence/{id}";

    /// <summary>GET on the list: every API silence with its state by the worker's clock.</summary>
    public (int Status, byte[] Body) Get() => (200, List());

    /// <summary>POST on the list: creates a silence, or replaces the one whose <c>id</c> the body names.</summary>
    public async Task<(int Status, byte[] Body)> PostAsync(Stream body, string? authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Refusal(authorization) is { } refused)
        {
            return refused;
        }

        var bytes = await ReadAsync(body, cancellationToken).ConfigureAwait(false);
        return bytes is null
            ? Error(400, string.Create(CultureInfo.InvariantCulture, $"the body is larger than {MaxBodyBytes} bytes"))
            : Post(bytes);
    }

    /// <summary>DELETE on an item.</summary>
    public (int Status, byte[] Body) Delete(string id, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Refusal(authorization) ?? Delete(id);
    }

    /// <summary>Any other method on the list or an item: 405 naming the methods that are allowed.</summary>
    public static (int Status, byte[] Body) NotAllowed(string method, bool list) => list
        ? Error(405, $"{method} is not allowed on {ListPath}; use GET or POST")
        : Error(405, $"{method} is not allowed on /api/v2/silence/{{id}}; use DELETE");

    private byte[] List()
    {
        var now = time.GetUtcNow();
        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var silence in store.Current)
            {
                SilenceJson.Write(w, silence, now < silence.StartsAt ? "pending" : now < silence.EndsAt ? "active" : "expired");
            }

            w.WriteEndArray();
        });
    }

    private (int, byte[]) Post(byte[] bytes)
    {
        Silence? silence;
        string? error;
        bool updates;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            silence = SilenceJson.Parse(document.RootElement, () => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture), out error);
            updates = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out _);
        }
        catch (JsonException ex)
        {
            return Error(400, "the body is not valid JSON: " + ex.Message);
        }

        if (silence is null)
        {
            return Error(400, error!);
        }

        var previous = store.Current.FirstOrDefault(s => string.Equals(s.Id, silence.Id, StringComparison.Ordinal));
        if (previous is null && updates)
        {
            // As Alertmanager: an id in the body updates that silence, and an unknown one is an error, not a new silence.
            return Error(404, $"silence '{silence.Id}' not found; omit 'id' to create one");
        }

        store.Add(silence);
        if (!Persist(() => Restore(silence.Id, previous)))
        {
            return Error(500, "the silence could not be saved to the silences file; it was not added (see the worker's log)");
        }

        LogAdded(logger, silence.Id, silence.CreatedBy, silence.StartsAt, silence.EndsAt);
        return (200, Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("silenceID", silence.Id);
            w.WriteEndObject();
        }));
    }

    private (int, byte[]) Delete(string id)
    {
        var previous = store.Current.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
        if (previous is null || !store.Remove(id))
        {
            return Error(404, $"silence '{id}' not found");
        }

        if (!Persist(() => store.Add(previous)))
        {
            return Error(500, "the silences file could not be updated; the silence was kept (see the worker's log)");
        }

        LogDeleted(logger, id);
        return (200, Json(w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }));
    }

    private void Restore(string id, Silence? previous)
    {
        if (previous is null)
        {
            store.Remove(id);
        }
        else
        {
            store.Add(previous);
        }
    }

    /// <summary>Writes the store to the silences file when one is configured; on failure undoes the change.</summary>
    private bool Persist(Action undo)
    {
        if (options.Value.SilencesFile is not { Length: > 0 } path)
        {
            return true;
        }

        try
        {
            SilenceFile.Save(path, store.Current);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(logger, path, ex);
            undo();
            return false;
        }
    }

    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Why a change is refused (401 or 403), or null when it is allowed.</summary>
    private (int, byte[])? Refusal(string? authorization)
    {
        var token = endpoint?.Value.SilenceToken;
        if (!string.IsNullOrEmpty(token))
        {
            var expected = System.Text.Encoding.UTF8.GetBytes("Bearer " + token);
            var given = System.Text.Encoding.UTF8.GetBytes(authorization ?? string.Empty);
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, given)
                ? null
                : Error(401, "changing silences needs the header 'Authorization: Bearer <Health:SilenceToken>'");
        }

        return IsLoopbackOnly(endpoint?.Value.Prefix)
            ? null
            : Error(403, "changing silences over a listener reachable from other machines needs Health:SilenceToken (or bind Health:Prefix to 127.0.0.1)");
    }

    /// <summary>True when a <c>Health:Prefix</c> accepts only local connections (or there is no server: in-process use).</summary>
    internal static bool IsLoopbackOnly(string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return true;
        }

        var start = prefix.IndexOf("://", StringComparison.Ordinal);
        var host = start < 0 ? prefix : prefix[(start + 3)..];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':', '/')[0];
        return host is "127.0.0.1" or "localhost" or "[::1]";
    }

    private static (int, byte[]) Error(int status, string message) => (status, Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    }));

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Silence {Id} added by {CreatedBy}: {StartsAt} to {EndsAt}")]
    private static partial void LogAdded(ILogger logger, string id, string createdBy, DateTimeOffset startsAt, DateTimeOffset endsAt);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Silence {Id} deleted")]
    private static partial void LogDeleted(ILogger logger, string id);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Could not write the silences file {Path}")]
    private static partial void LogSaveFailed(ILogger logger, string path, Exception exception);
}
