using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Engine.Tests;

public sealed class SilenceStoreTests
{
    private static Silence Silence(string id, string variant = "int8") =>
        new(id, new Dictionary<string, string> { ["variant"] = variant }, Records.T0, Records.T0.AddHours(1));

    [Fact]
    public void Add_SameIdTwice_ReplacesIt()
    {
        var store = new SilenceStore([Silence("a"), Silence("b")]);

        store.Add(Silence("a", "pruned"));

        Assert.Equal(["b", "a"], store.Current.Select(s => s.Id));
        Assert.Equal("pruned", store.Current[1].Matchers["variant"]);
    }

    [Fact]
    public void Remove_KnownAndUnknownId_TrueThenFalse()
    {
        var store = new SilenceStore([Silence("a")]);

        Assert.True(store.Remove("a"));
        Assert.False(store.Remove("a"));
        Assert.Empty(store.Current);
    }

    [Fact]
    public async Task Add_WhileAnotherThreadReads_ReaderSeesConsistentSnapshots()
    {
        var store = new SilenceStore();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                store.Add(Silence("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        });
        var lastSeen = 0;
        while (!writer.IsCompleted)
        {
            // A snapshot never shrinks while only adds happen, and every entry in it is complete.
            var snapshot = store.Current;
            Assert.True(snapshot.Count >= lastSeen);
            Assert.All(snapshot, s => Assert.Equal("int8", s.Matchers["variant"]));
            lastSeen = snapshot.Count;
        }

        await writer;
        Assert.Equal(2000, store.Current.Count);
    }
}
