namespace CompressionSafety.Worker.Options;

/// <summary>Merges passed-through client properties with those read from secret files.</summary>
internal static class ClientProperties
{
    public static Dictionary<string, string> Resolve(KafkaWorkerOptions options)
    {
        var merged = new Dictionary<string, string>(options.ClientProperties, StringComparer.Ordinal);
        foreach (var (property, path) in options.ClientPropertyFiles)
        {
            // Mounted secrets usually end with a newline that is not part of the value.
            merged[property] = File.ReadAllText(path).TrimEnd('\r', '\n');
        }

        return merged;
    }
}
