using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Reproducibility;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Files;
using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Archive;

/// <summary>
/// Appends window results and incident state changes to day files (<see cref="ArchiveFiles"/>), filed by the UTC day
/// of the window's event time, in the formats of <c>windows.jsonl</c> and <c>incidents.jsonl</c>. Used by the consume
/// thread only. Each line is one unbuffered write, so a concurrent reader never sees half a line; <see cref="Flush"/>
/// forces the lines to disk and runs before any offset is stored (docs/worker.md, "Archive").
/// </summary>
internal sealed class WindowArchive : IDisposable
{
    private static readonly JsonWriterOptions RunOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string _directory;
    private readonly int? _retentionDays;
    private readonly RunIdentity _identity;
    private readonly string _toolVersion;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, FileStream> _open = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writtenSinceFlush = new(StringComparer.Ordinal);
    private readonly HashSet<DateOnly> _runFilesChecked = [];
    private DateOnly? _lastSweep;

    public WindowArchive(ArchiveOptions options, RunIdentity identity, string toolVersion, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.Directory ?? throw new ArgumentException("Archive:Directory is required.", nameof(options));
        _retentionDays = options.RetentionDays;
        _identity = identity;
        _toolVersion = toolVersion;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(_directory);
        ArchiveLog.Archiving(logger, _directory, _retentionDays);
    }

    /// <summary>Lines appended since start.</summary>
    public long Lines { get; private set; }

    public void Append(WindowResult result)
    {
        var day = ArchiveFiles.DayOf(result.WindowStart);
        Append(day, ArchiveFiles.Windows(day), JsonBytes.Of(w => WindowResultJson.Write(w, result)));
    }

    public void Append(Incident incident)
    {
        var day = ArchiveFiles.DayOf(incident.WindowStart);
        Append(day, ArchiveFiles.Incidents(day), JsonBytes.Of(w => IncidentJson.Write(w, incident)));
    }

    /// <summary>Forces every appended line to disk, closes files not written since the last flush, and applies retention once per day.</summary>
    public void Flush()
    {
        foreach (var (name, stream) in _open.ToList())
        {
            stream.Flush(flushToDisk: true);
            if (!_writtenSinceFlush.Contains(name))
            {
                // A day that stopped receiving lines (yesterday, after its label windows closed) needs no open handle.
                stream.Dispose();
                _open.Remove(name);
            }
        }

        _writtenSinceFlush.Clear();
        var today = ArchiveFiles.DayOf(_time.GetUtcNow());
        if (_lastSweep != today)
        {
            _lastSweep = today;
            DeleteExpired(today);
        }
    }

    /// <summary>Deletes the day files older than the retention; returns how many.</summary>
    public int DeleteExpired(DateOnly today)
    {
        if (_retentionDays is not { } days)
        {
            return 0;
        }

        var oldest = today.AddDays(-days);
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_directory).ToList())
        {
            var name = Path.GetFileName(path);
            if (!IsDayFile(name, out var day) || day >= oldest || _open.ContainsKey(name))
            {
                continue;
            }

            try
            {
                File.Delete(path);
                deleted++;
                ArchiveLog.Deleted(_logger, name);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file that cannot be deleted now is tried again at the next day's sweep; archiving goes on.
                ArchiveLog.DeleteFailed(_logger, name, ex);
            }
        }

        return deleted;
    }

    public void Dispose()
    {
        foreach (var stream in _open.Values)
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
        }

        _open.Clear();
    }

    private static bool IsDayFile(string name, out DateOnly day) =>
        ArchiveFiles.TryParseDay(name, ArchiveFiles.WindowsPrefix, out day)
        || ArchiveFiles.TryParseDay(name, ArchiveFiles.IncidentsPrefix, out day)
        || ArchiveFiles.TryParseDay(name, ArchiveFiles.RunPrefix, out day);

    private void Append(DateOnly day, string name, byte[] json)
    {
        if (_runFilesChecked.Add(day))
        {
            WriteRunFile(day);
        }

        if (!_open.TryGetValue(name, out var stream))
        {
            // bufferSize 0: every Write goes straight to the file, so one line is one write.
            stream = new FileStream(Path.Combine(_directory, name), FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            _open.Add(name, stream);
        }

        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        stream.Write(line);
        _writtenSinceFlush.Add(name);
        Lines++;
    }

    /// <summary>Writes <c>run-DAY.json</c>, or marks what changed as <c>mixed</c> when an earlier run of the same day had other settings.</summary>
    private void WriteRunFile(DateOnly day)
    {
        var path = Path.Combine(_directory, ArchiveFiles.Run(day));
        var identity = _identity;
        if (File.Exists(path))
        {
            var earlier = ReadIdentity(path);
            if (earlier == identity)
            {
                return;
            }

            if (earlier is not null)
            {
                identity = new RunIdentity(
                    Same(earlier.ConfigSha256, identity.ConfigSha256),
                    identity.ConfigSource,
                    Same(earlier.EffectiveConfigSha256, identity.EffectiveConfigSha256),
                    earlier.RulesSha256 == identity.RulesSha256 ? identity.RulesSha256 : "mixed");
                ArchiveLog.RunChanged(_logger, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new Utf8JsonWriter(stream, RunOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("source", "worker");
            writer.WriteString("tool_version", _toolVersion);
            identity.WriteProperties(writer);
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }

        // Replace in one step: a report reading the run file sees the old or the new one, never half of one.
        File.Move(temporary, path, overwrite: true);
    }

    private static string Same(string earlier, string now) => earlier == now ? now : "mixed";

    private static RunIdentity? ReadIdentity(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new RunIdentity(
                root.GetProperty("config_sha256").GetString() ?? string.Empty,
                root.GetProperty("config_source").GetString() ?? string.Empty,
                root.GetProperty("effective_config_sha256").GetString() ?? string.Empty,
                root.GetProperty("rules_sha256").GetString());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // An unreadable run file is replaced by this run's; the report then names this run's settings.
            return null;
        }
    }
}
