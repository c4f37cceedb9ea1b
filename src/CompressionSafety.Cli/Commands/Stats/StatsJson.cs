using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CompressionSafety.Cli.Commands.Stats;

/// <summary>
/// Writes a stats verb's single JSON object; NaN (an empty bin's mean) becomes null since JSON has no NaN. Relaxed
/// escaping keeps the definitions readable on a terminal; the output is never embedded in HTML.
/// </summary>
internal static class StatsJson
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Runs a verb body, turning bad input into one line on the error writer and exit code 1 (ExitCodes.InvalidInput), an option out of bounds into exit code 2.</summary>
    public static int Run(System.CommandLine.ParseResult parse, Func<string> compute)
    {
        try
        {
            parse.InvocationConfiguration.Output.WriteLine(compute());
            return 0;
        }
        catch (StatsInputException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Configuration.ConfigurationException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidConfiguration;
        }
    }
}
