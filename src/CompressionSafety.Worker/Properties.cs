using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("CompressionSafety.Worker.Tests")]
[assembly: InternalsVisibleTo("CompressionSafety.Cli")]
[assembly: InternalsVisibleTo("CompressionSafety.Cli.Tests")]
