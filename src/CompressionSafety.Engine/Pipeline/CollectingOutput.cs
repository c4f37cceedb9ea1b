using CompressionSafety.Contracts;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Pipeline;

/// <summary>
/// Keeps every event of a pipeline in memory, in order: for embedding the monitor in a program that inspects the
/// results itself, and for the tests' in-process reference runs. Not for unbounded streams.
/// </summary>
/// <typeparam name="TOrigin">Where a record came from.</typeparam>
public sealed class CollectingOutput<TOrigin> : IMonitorOutput<TOrigin>
{
    private readonly List<(TOrigin Origin, Rejection Rejection)> _deadLetters = [];
    private readonly List<WindowResult> _windows = [];
    private readonly List<Incident> _incidents = [];
    private readonly List<ReviewItem> _reviews = [];

    /// <summary>Dead letters with where each record came from.</summary>
    public IReadOnlyList<(TOrigin Origin, Rejection Rejection)> DeadLetters => _deadLetters;

    /// <summary>Window results, in the order they closed.</summary>
    public IReadOnlyList<WindowResult> Windows => _windows;

    /// <summary>Incident state changes, in the order they were published.</summary>
    public IReadOnlyList<Incident> Incidents => _incidents;

    /// <summary>Review items, in order.</summary>
    public IReadOnlyList<ReviewItem> Reviews => _reviews;

    /// <inheritdoc/>
    public void DeadLetter(TOrigin origin, Rejection rejection) => _deadLetters.Add((origin, rejection));

    /// <inheritdoc/>
    public void Window(WindowResult window) => _windows.Add(window);

    /// <inheritdoc/>
    public void Incident(Incident incident) => _incidents.Add(incident);

    /// <inheritdoc/>
    public void Review(ReviewItem item) => _reviews.Add(item);
}
