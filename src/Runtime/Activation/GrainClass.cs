using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime;

/// <summary>
/// A grain implementation class: its grain type name and a cached DI factory that fills
/// services from the container and each <c>[PersistentState]</c> parameter with a state bound
/// to the named storage.
/// </summary>
internal sealed class GrainClass
{
    private readonly ObjectFactory _factory;
    private readonly StateParameter[] _states;

    public GrainClass(Type type)
    {
        if (type.IsAbstract || !type.IsClass)
            throw new ArgumentException($"{type} is not a concrete grain class.");
        Type = type;
        GrainType = type.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? type.Name;
        var constructor = ChooseConstructor(type);
        _states = constructor.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => StateParameter.For(type, p.Parameter, p.Attribute!))
            .ToArray();
        _factory = ActivatorUtilities.CreateFactory(type, _states.Select(s => s.ParameterType).ToArray());
    }

    public Type Type { get; }
    public string GrainType { get; }

    public (object Grain, IStateLoader[] States) Create(IServiceProvider services, GrainId grainId)
    {
        var states = new IStateLoader[_states.Length];
        for (var i = 0; i < states.Length; i++) states[i] = _states[i].Bind(services, grainId);
        return (_factory(services, states), states);
    }

    private static ConstructorInfo ChooseConstructor(Type type)
    {
        var constructors = type.GetConstructors();
        return constructors.FirstOrDefault(c => c.IsDefined(typeof(ActivatorUtilitiesConstructorAttribute)))
            ?? constructors.OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{type} has no public constructor.");
    }

    private sealed record StateParameter(Type ParameterType, Type StateType, string StateName, string StorageName)
    {
        public static StateParameter For(Type grain, ParameterInfo parameter, PersistentStateAttribute attribute)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                throw new ArgumentException($"{grain.Name}({parameter.Name}): [PersistentState] goes on an IPersistentState<T> parameter, not {type}.");
            return new StateParameter(type, type.GetGenericArguments()[0], attribute.StateName, attribute.StorageName ?? PersistentStateAttribute.DefaultStorageName);
        }

        public IStateLoader Bind(IServiceProvider services, GrainId grainId)
        {
            var storage = services.GetKeyedService<IGrainStorage>(StorageName)
                ?? throw new InvalidOperationException(
                    $"No grain storage named '{StorageName}' is registered (needed by state '{StateName}' of {grainId}). " +
                    $"Register one with AddMemoryGrainStorage(\"{StorageName}\") or AddGrainStorage(\"{StorageName}\", ...).");
            var state = typeof(PersistentState<>).MakeGenericType(StateType);
            return (IStateLoader)Activator.CreateInstance(state, StateName, grainId, storage)!;
        }
    }
}
