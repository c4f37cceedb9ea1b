namespace CompressionSafety.Simulation;

/// <summary>The kinds of deliberately invalid lines, cycled so every kind appears.</summary>
internal enum InvalidLineKind
{
    NotJson,
    MissingField,
    WrongSchemaVersion,
    BadTimestamp,
    BadProbabilities,
}
