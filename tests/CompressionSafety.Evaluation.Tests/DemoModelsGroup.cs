namespace CompressionSafety.Evaluation.Tests;

/// <summary>Shares one trained set of demo models across the test classes that need it.</summary>
[CollectionDefinition(Name)]
public sealed class DemoModelsGroup : ICollectionFixture<DemoModelsFixture>
{
    public const string Name = "demo models";
}
