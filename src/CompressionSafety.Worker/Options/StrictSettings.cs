using System.Collections;
using System.ComponentModel;
using CompressionSafety.Engine;
using CompressionSafety.InfluxDb;
using CompressionSafety.Notifications;
using CompressionSafety.Worker.Archive;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Evaluation;
using CompressionSafety.Worker.Reporting;
using Microsoft.Extensions.Configuration;

namespace CompressionSafety.Worker.Options;

/// <summary>
/// The strict half of the worker's settings binding. Microsoft.Extensions.Configuration ignores a key no option has,
/// leaves the default where an array stands for a number, and throws an unnamed conversion error at first use for
/// <c>"five minutes"</c>; this checks every key of every worker section against its options type first, so each
/// such mistake fails at start with the setting's path (<c>Engine:WindowSize</c>). Ranges stay with each section's
/// validator (<see cref="EngineOptions.Validate"/>, data annotations), run at start as before.
/// </summary>
public static class StrictSettings
{
    /// <summary>Every worker configuration section and the options type it binds to.</summary>
    public static IReadOnlyDictionary<string, Type> Sections { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [KafkaWorkerOptions.SectionName] = typeof(KafkaWorkerOptions),
        [EngineOptions.SectionName] = typeof(EngineOptions),
        [RulesOptions.SectionName] = typeof(RulesOptions),
        [InfluxDbOptions.SectionName] = typeof(InfluxDbOptions),
        [WebhookOptions.SectionName] = typeof(WebhookOptions),
        [AlertmanagerOptions.SectionName] = typeof(AlertmanagerOptions),
        [HealthEndpointOptions.SectionName] = typeof(HealthEndpointOptions),
        [MetricsEndpointOptions.SectionName] = typeof(MetricsEndpointOptions),
        [EvaluationOptions.SectionName] = typeof(EvaluationOptions),
        [ArchiveOptions.SectionName] = typeof(ArchiveOptions),
        [ReportOptions.SectionName] = typeof(ReportOptions),
    };

    /// <summary>Top-level keys of a settings file that are not worker sections but are read by the .NET host.</summary>
    public static IReadOnlyList<string> HostSections { get; } = ["Logging"];

    /// <summary>
    /// One message per problem in the worker sections of <paramref name="configuration"/>: an unknown key, or a value
    /// that is not of its setting's type (including an array or object where a single value belongs, and the reverse).
    /// </summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        foreach (var (name, type) in Sections)
        {
            var section = configuration.GetSection(name);
            if (section.Exists())
            {
                CheckValue(section, type, errors);
            }
        }

        return errors;
    }

    /// <summary>One message per top-level key of a settings file that is neither a worker section nor a host section.</summary>
    public static IReadOnlyList<string> CheckTopLevel(IConfiguration file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.GetChildren()
            .Where(s => !Sections.ContainsKey(s.Key) && !HostSections.Contains(s.Key, StringComparer.OrdinalIgnoreCase))
            .Select(s => $"{s.Path}: unknown section (known: {string.Join(", ", Sections.Keys)})")
            .ToList();
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var children = section.GetChildren().ToList();
        if (IsScalar(type))
        {
            if (children.Count > 0)
            {
                errors.Add($"{section.Path}: expected {Describe(type)}, got {(children.All(c => int.TryParse(c.Key, out _)) ? "an array" : "an object")}");
            }
            else if (section.Value is { Length: > 0 } value && !Converts(value, type))
            {
                errors.Add($"{section.Path}: expected {Describe(type)}, got '{value}'");
            }

            return;
        }

        // An empty value (JSON null or "") leaves the default, as the binder does.
        if (children.Count == 0)
        {
            if (section.Value is { Length: > 0 } value)
            {
                errors.Add($"{section.Path}: expected {(ElementOf(type) is null ? "a section of settings" : "a list or map")}, got '{value}'");
            }

            return;
        }

        if (DictionaryValueOf(type) is { } valueType)
        {
            foreach (var child in children)
            {
                CheckValue(child, valueType, errors);
            }

            return;
        }

        if (ElementOf(type) is { } elementType)
        {
            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, out _))
                {
                    errors.Add($"{section.Path}: expected a list, got an object (key '{child.Key}')");
                    return;
                }

                CheckValue(child, elementType, errors);
            }

            return;
        }

        var properties = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.CanWrite || ElementOf(p.PropertyType) is not null)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in children)
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                CheckValue(child, property.PropertyType, errors);
            }
            else
            {
                errors.Add($"{child.Path}: unknown setting (known in {section.Path}: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    private static bool Converts(string value, Type type)
    {
        if (type == typeof(string))
        {
            return true;
        }

        try
        {
            // The converter the configuration binder itself uses.
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException or InvalidCastException or UriFormatException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a duration (hh:mm:ss, or d.hh:mm:ss)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ when type == typeof(Uri) => "a URL",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => "a single value",
    };

    private static Type? DictionaryValueOf(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>) || d == typeof(IReadOnlyDictionary<,>))
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[1];
    }

    private static Type? ElementOf(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        if (DictionaryValueOf(type) is { } value)
        {
            return value;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
