using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("CompressionSafety.Evaluation.Tests")]
