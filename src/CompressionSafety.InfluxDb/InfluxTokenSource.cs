using System.Diagnostics.CodeAnalysis;

namespace CompressionSafety.InfluxDb;

/// <summary>Finds the API token: configuration first, then a file, then the environment. Messages never contain the token.</summary>
internal static class InfluxTokenSource
{
    public static bool TryResolve(InfluxDbOptions options, [NotNullWhen(true)] out string? token, out string problem)
    {
        problem = "";
        if (!string.IsNullOrWhiteSpace(options.Token))
        {
            token = options.Token.Trim();
            return true;
        }

        if (!string.IsNullOrWhiteSpace(options.TokenFile))
        {
            try
            {
                token = File.ReadAllText(options.TokenFile).Trim();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                token = null;
                problem = $"{InfluxDbOptions.SectionName}:TokenFile '{options.TokenFile}' cannot be read: {exception.GetType().Name}.";
                return false;
            }

            if (token.Length > 0)
            {
                return true;
            }

            token = null;
            problem = $"{InfluxDbOptions.SectionName}:TokenFile '{options.TokenFile}' is empty.";
            return false;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(options.TokenEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            token = fromEnvironment.Trim();
            return true;
        }

        token = null;
        problem = $"No InfluxDB token: set {InfluxDbOptions.SectionName}:Token, {InfluxDbOptions.SectionName}:TokenFile or the environment variable {options.TokenEnvironmentVariable}.";
        return false;
    }
}
