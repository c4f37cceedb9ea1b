using System.Text;
using System.Text.Json.Nodes;

namespace CompressionSafety.Simulation;

/// <summary>Builds invalid lines from a valid record's bytes, one contract violation each.</summary>
internal static class InvalidLines
{
    public const int KindCount = 5;

    public static byte[] Create(InvalidLineKind kind, byte[] valid)
    {
        if (kind == InvalidLineKind.NotJson)
        {
            // A truncated write, the most common way real logs break.
            return valid.AsSpan(0, valid.Length / 2).ToArray();
        }

        var node = JsonNode.Parse(valid)!.AsObject();
        switch (kind)
        {
            case InvalidLineKind.MissingField:
                node.Remove("prediction");
                break;
            case InvalidLineKind.WrongSchemaVersion:
                node["schema_version"] = 2;
                break;
            case InvalidLineKind.BadTimestamp:
                node["timestamp"] = "2026-11-26 25:61:00";
                break;
            default:
                // An assistant's prediction has no probabilities: give it two that sum to 1.6 as well.
                var prediction = node["prediction"]!.AsObject();
                if (prediction["probabilities"] is null)
                {
                    prediction["probabilities"] = new JsonObject { ["safe"] = 0.8, ["unsafe"] = 0.8 };
                }

                var probabilities = prediction["probabilities"]!.AsObject();
                foreach (var name in probabilities.Select(p => p.Key).ToArray())
                {
                    probabilities[name] = 0.8;
                }

                break;
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
