using System.Collections;
using System.Reflection;

namespace CompressionSafety.Engine.Tests.State;

/// <summary>
/// Compares two object graphs field by field, private fields included, so a field that a state type gains without
/// being written to its snapshot shows up as a difference. Framework collections are compared by content
/// (dictionaries and sets by key, sequences in order), everything else by its fields, doubles bit for bit.
/// </summary>
internal static class StateGraph
{
    /// <summary>Returns the path and values of the first difference, or null when the graphs are equal.</summary>
    public static string? FirstDifference(object? expected, object? actual, IReadOnlySet<string> ignoredFields) =>
        Compare(expected, actual, "root", ignoredFields, new HashSet<(object, object)>(new PairComparer()));

    private static string? Compare(object? a, object? b, string path, IReadOnlySet<string> ignored, HashSet<(object, object)> visited)
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? null : $"{path}: {Show(a)} vs {Show(b)}";
        }

        var type = a.GetType();
        if (type != b.GetType())
        {
            return $"{path}: type {type.Name} vs {b.GetType().Name}";
        }

        if (a is double x && b is double y)
        {
            return BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) ? null : $"{path}: {x:R} vs {y:R}";
        }

        if (type.IsPrimitive || type.IsEnum || a is string or decimal or DateTimeOffset or DateTime or TimeSpan)
        {
            return a.Equals(b) ? null : $"{path}: {Show(a)} vs {Show(b)}";
        }

        if (ReferenceEquals(a, b) || typeof(Delegate).IsAssignableFrom(type))
        {
            return null;
        }

        if (!type.IsValueType && !visited.Add((a, b)))
        {
            return null;
        }

        if ((type.IsArray || IsFramework(type)) && a is IEnumerable)
        {
            return CompareCollections(a, b, path, ignored, visited);
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var name = FieldName(field);
                if (ignored.Contains(t.Name + "." + name))
                {
                    continue;
                }

                if (Compare(field.GetValue(a), field.GetValue(b), path + "." + name, ignored, visited) is { } difference)
                {
                    return difference;
                }
            }
        }

        return null;
    }

    private static string? CompareCollections(object a, object b, string path, IReadOnlySet<string> ignored, HashSet<(object, object)> visited)
    {
        if (a is IDictionary left && b is IDictionary right)
        {
            if (left.Count != right.Count)
            {
                return $"{path}: {left.Count} entries vs {right.Count}";
            }

            foreach (DictionaryEntry entry in left)
            {
                if (!right.Contains(entry.Key))
                {
                    return $"{path}: key {Show(entry.Key)} missing";
                }

                if (Compare(entry.Value, right[entry.Key], $"{path}[{Show(entry.Key)}]", ignored, visited) is { } difference)
                {
                    return difference;
                }
            }

            return null;
        }

        var first = ((IEnumerable)a).Cast<object?>().ToList();
        var second = ((IEnumerable)b).Cast<object?>().ToList();
        if (first.Count != second.Count)
        {
            return $"{path}: {first.Count} items vs {second.Count}";
        }

        if (a.GetType().IsGenericType && a.GetType().GetGenericTypeDefinition() == typeof(HashSet<>))
        {
            var set = second.ToHashSet();
            return first.FirstOrDefault(item => !set.Contains(item)) is { } missing ? $"{path}: {Show(missing)} missing" : null;
        }

        for (var i = 0; i < first.Count; i++)
        {
            if (Compare(first[i], second[i], $"{path}[{i}]", ignored, visited) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static bool IsFramework(Type type) => type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !type.IsValueType;

    private static string FieldName(FieldInfo field) =>
        field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)] : field.Name;

    private static string Show(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };

    private sealed class PairComparer : IEqualityComparer<(object, object)>
    {
        public bool Equals((object, object) x, (object, object) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((object, object) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
