namespace CompressionSafety.Engine.Rules;

/// <summary>
/// Silences added at run time (the worker's HTTP API), shared by every <see cref="RuleEvaluator"/> of a process.
/// Thread-safe: writers (the HTTP thread) swap in a new immutable array under a lock, readers (the ingestion thread)
/// read the current array without locking, so evaluation never waits for the API.
/// </summary>
public sealed class SilenceStore
{
    private readonly Lock _gate = new();
    private volatile Silence[] _current;

    /// <summary>Creates a store holding <paramref name="initial"/> (for example silences read back from a file).</summary>
    public SilenceStore(IEnumerable<Silence>? initial = null)
    {
        _current = initial is null ? [] : [.. initial.DistinctBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>The silences now, in the order they were added.</summary>
    public IReadOnlyList<Silence> Current => _current;

    /// <summary>Adds <paramref name="silence"/>, replacing one with the same id.</summary>
    public void Add(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        lock (_gate)
        {
            _current = [.. _current.Where(s => !string.Equals(s.Id, silence.Id, StringComparison.Ordinal)), silence];
        }
    }

    /// <summary>Removes the silence <paramref name="id"/>; false when there is none.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            var kept = _current.Where(s => !string.Equals(s.Id, id, StringComparison.Ordinal)).ToArray();
            if (kept.Length == _current.Length)
            {
                return false;
            }

            _current = kept;
            return true;
        }
    }
}
