using System.Reflection;
using System.Runtime.InteropServices;

namespace CompressionSafety.Kafka.Native;

/// <summary>
/// Locates and loads the librdkafka shipped in librdkafka.redist, once per process, for this assembly's
/// P/Invoke calls (the mock cluster).
/// </summary>
/// <remarks>
/// The plain <c>librdkafka.so</c> links against <c>libsasl2.so.3</c>, which Debian 12 does not ship;
/// the <c>centos8-librdkafka.so</c> build in the same folder does not need it, so it is the fallback.
/// Confluent.Kafka's own loader tries the same files in the same order, so both end up with the same file
/// and the dynamic loader maps it once. <c>Confluent.Kafka.Library.Load(path)</c> is deliberately not
/// called: with an explicit path it goes through <c>dlopen</c> in <c>libdl</c>, which Debian 12 only ships
/// as <c>libdl.so.2</c>, and fails.
/// </remarks>
public static class RdKafkaLibrary
{
    internal const string LibraryName = "librdkafka";

    private static readonly string[] s_candidates = ["librdkafka.so", "centos8-librdkafka.so"];
    private static readonly Lazy<(IntPtr Handle, string Path)> s_loaded = new(LoadNative, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_resolverSet;

    /// <summary>The full path of the librdkafka file that was loaded.</summary>
    public static string LoadedPath => EnsureLoaded();

    /// <summary>
    /// Loads librdkafka if not yet loaded; calling it again is cheap.
    /// </summary>
    /// <returns>The full path of the loaded library.</returns>
    /// <exception cref="DllNotFoundException">No candidate file could be loaded.</exception>
    public static string EnsureLoaded()
    {
        return s_loaded.Value.Path;
    }

    internal static void RegisterResolver()
    {
        if (Interlocked.Exchange(ref s_resolverSet, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(RdKafkaLibrary).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? s_loaded.Value.Handle : IntPtr.Zero;

    private static (IntPtr Handle, string Path) LoadNative()
    {
        var baseDir = AppContext.BaseDirectory;
        string[] folders = [baseDir, Path.Combine(baseDir, "runtimes", "linux-x64", "native")];
        var failures = new List<string>();
        foreach (var name in s_candidates)
        {
            foreach (var folder in folders)
            {
                var path = Path.Combine(folder, name);
                if (!File.Exists(path))
                {
                    continue;
                }

                if (NativeLibrary.TryLoad(path, out var handle))
                {
                    return (handle, path);
                }

                failures.Add(path);
            }
        }

        throw new DllNotFoundException(
            $"Could not load librdkafka from {string.Join(", ", folders)} (tried {string.Join(", ", s_candidates)}; "
            + $"present but not loadable: {(failures.Count == 0 ? "none" : string.Join(", ", failures))}).");
    }
}
