namespace CompressionSafety.Engine.Rules;

/// <summary>One window in which a rule's condition held, with the event-time range of the records it counted.</summary>
/// <param name="Start">The window's start.</param>
/// <param name="FirstEventTime">Earliest event time counted in it, when any.</param>
/// <param name="LastEventTime">Latest event time counted in it, when any.</param>
internal readonly record struct EvidenceWindow(DateTimeOffset Start, DateTimeOffset? FirstEventTime, DateTimeOffset? LastEventTime);
