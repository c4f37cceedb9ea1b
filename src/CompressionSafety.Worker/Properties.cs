using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("CompressionSafety.Worker.Tests")]
[assembly: InternalsVisibleTo("CompressionSafety.Cli")]
