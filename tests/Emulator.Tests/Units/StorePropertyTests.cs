using System.Text.Json.Nodes;
using Actors.Emulator.Audit;
using Actors.Emulator.Lifecycle;
using Actors.Emulator.Storage;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Emulator.Tests.Units;

public sealed class StorePropertyTests
{
    sealed record Step(int Op, string Name);

    static readonly Gen<List<Step>> Steps =
        Gen.ListOf(Gen.Zip(Gen.Choose(0, 2), Gen.Elements("a", "b", "c")).Select(t => new Step(t.Item1, t.Item2)))
            .Select(s => s.ToList());

    static Dictionary<string, string> State(ObjectStore store) =>
        store.List("/configmaps", "default").ToDictionary(o => o.Name(), o => o.ResourceVersion()!);

    /// <summary>
    /// Whatever the writes, a client that listed at some revision and then watched from it ends with
    /// exactly the store's final state, and every write got a larger revision than the one before.
    /// </summary>
    [SeededProperty]
    public Property Listing_then_watching_from_any_revision_converges_on_the_final_state()
    {
        return Prop.ForAll(Steps.ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (steps, checkpointPercent) =>
        {
            var store = new ObjectStore(historySize: 1000);
            var catalog = new ResourceCatalog();
            using var lifecycle = new ObjectLifecycle(store, catalog, new AuditLog(), TimeProvider.System);
            var configMaps = catalog.Find("", "v1", "configmaps")!;
            lifecycle.Create(catalog.Find("", "v1", "namespaces")!, null,
                new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } }, new WriteOptions("test", "test"));
            var checkpoint = steps.Count * checkpointPercent / 100;
            Dictionary<string, string>? listed = null;
            long listedAt = 0;
            var revisions = new List<long>();
            for (var i = 0; i <= steps.Count; i++)
            {
                if (i == checkpoint) { listed = State(store); listedAt = store.Revision; }
                if (i == steps.Count) break;
                var (op, name) = (steps[i].Op, steps[i].Name);
                var exists = store.Get("/configmaps", "default", name) is not null;
                var options = new WriteOptions("test", "test");
                if (!exists && op != 2)
                    lifecycle.Create(configMaps, "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["data"] = new JsonObject { ["n"] = i.ToString() } }, options);
                else if (exists && op == 1)
                    lifecycle.Update(configMaps, "default", name, null, o => { o!["data"] = new JsonObject { ["n"] = i.ToString() }; return o; }, options, "update");
                else if (exists && op == 2)
                    lifecycle.Delete(configMaps, "default", name, new DeleteOptions("test"));
                revisions.Add(store.Revision);
            }
            var (subscription, _, replay) = store.Subscribe("/configmaps", null, listedAt)!.Value;
            subscription.Dispose();
            var state = listed!;
            foreach (var e in replay)
            {
                if (e.Type == "DELETED") state.Remove(e.Object.Name());
                else state[e.Object.Name()] = e.Object.ResourceVersion()!;
            }
            var increasing = revisions.Zip(revisions.Skip(1)).All(p => p.Second >= p.First);
            var final = State(store);
            return increasing && state.Count == final.Count && state.All(kv => final.TryGetValue(kv.Key, out var rv) && rv == kv.Value);
        });
    }
}
