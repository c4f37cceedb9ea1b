using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CompressionSafety.Engine.Yaml;

/// <summary>The one way YAML text is loaded (rule files, settings files), so a broken file always ends in a <see cref="YamlException"/>.</summary>
public static class YamlDocuments
{
    /// <summary>Loads every document of <paramref name="text"/>.</summary>
    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    public static YamlStream Load(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some broken inputs (found by fuzzing).
            throw new YamlException("the parser stopped: " + ex.Message, ex);
        }

        return stream;
    }
}
