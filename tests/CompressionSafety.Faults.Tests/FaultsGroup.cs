namespace CompressionSafety.Faults.Tests;

/// <summary>
/// The fault tests run one after another (each starts a broker and workers as processes on a small machine) and share
/// one reference run of <c>generate</c> and <c>replay</c>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsGroup : ICollectionFixture<ReferenceRun>
{
    public const string Name = "faults";
}
