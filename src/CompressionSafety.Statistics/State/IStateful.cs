namespace CompressionSafety.Statistics.State;

/// <summary>
/// A type whose complete state can be written and read back (the engine's snapshots, docs/worker.md "State"). Each
/// type writes and reads its own fields, in one place, in the same order; <see cref="ReadState"/> is called on a fresh
/// instance built with the same settings and leaves it equal to the one written.
/// </summary>
public interface IStateful
{
    /// <summary>Writes every field that changes after construction.</summary>
    /// <param name="writer">The snapshot being written.</param>
    void WriteState(StateWriter writer);

    /// <summary>Reads what <see cref="WriteState"/> wrote, into a fresh instance.</summary>
    /// <param name="reader">The snapshot being read.</param>
    void ReadState(StateReader reader);
}
