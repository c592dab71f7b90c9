namespace Actors.Runtime;

/// <summary>A grain class registered for a grain interface (see <see cref="ActorRuntimeBuilder"/>).</summary>
public sealed record GrainRegistration(Type Interface, Type GrainClass);

/// <summary>Which grain class serves each grain interface and each grain type name.</summary>
internal sealed class GrainClassRegistry
{
    private readonly Dictionary<Type, GrainClass> _byInterface = [];
    private readonly Dictionary<string, GrainClass> _byGrainType = new(StringComparer.Ordinal);

    public GrainClassRegistry(IEnumerable<GrainRegistration> registrations)
    {
        var classes = new Dictionary<Type, GrainClass>();
        var ambiguous = new HashSet<Type>();
        foreach (var registration in registrations)
        {
            if (!registration.Interface.IsAssignableFrom(registration.GrainClass))
                throw new ArgumentException($"{registration.GrainClass} does not implement {registration.Interface}.");
            if (!classes.TryGetValue(registration.GrainClass, out var grainClass))
            {
                grainClass = classes[registration.GrainClass] = new GrainClass(registration.GrainClass);
                if (_byGrainType.TryGetValue(grainClass.GrainType, out var other) && other.Type != grainClass.Type)
                    throw new ArgumentException($"Grain classes {other.Type} and {grainClass.Type} share the grain type name '{grainClass.GrainType}'; give one a [GrainType(\"...\")].");
                _byGrainType[grainClass.GrainType] = grainClass;
            }
            if (_byInterface.TryGetValue(registration.Interface, out var existing) && existing.Type != grainClass.Type)
                ambiguous.Add(registration.Interface);
            _byInterface[registration.Interface] = grainClass;
        }
        foreach (var type in ambiguous) _byInterface.Remove(type);
        Ambiguous = ambiguous;
    }

    private HashSet<Type> Ambiguous { get; }

    public GrainClass ForInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var grainClass) ? grainClass
        : Ambiguous.Contains(grainInterface) ? throw new InvalidOperationException($"More than one grain class implements {grainInterface.Name}; register just one for it.")
        : throw new InvalidOperationException($"No grain class is registered for {grainInterface.Name}; add it with AddActorRuntime().AddGrain<{grainInterface.Name}, TGrain>() or AddGrainsFromAssembly(...).");

    public GrainClass ForGrainType(string grainType) =>
        _byGrainType.TryGetValue(grainType, out var grainClass) ? grainClass
        : throw new InvalidOperationException($"No grain class is registered with grain type '{grainType}'.");
}
