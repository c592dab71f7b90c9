using System.Collections.Concurrent;
using System.Reflection;

namespace Actors.Runtime;

/// <summary>A grain interface with all its methods (inherited ones included) analysed once per process.</summary>
internal sealed class GrainInterface
{
    private static readonly ConcurrentDictionary<Type, GrainInterface> Cache = new();
    private readonly Dictionary<MethodInfo, GrainMethod> _methods;

    private GrainInterface(Type type)
    {
        if (!type.IsInterface || !typeof(IGrain).IsAssignableFrom(type))
            throw new ArgumentException($"{type} is not a grain interface (an interface deriving from IGrain).");
        Type = type;
        _methods = new Dictionary<MethodInfo, GrainMethod>();
        foreach (var iface in type.GetInterfaces().Append(type))
            foreach (var method in iface.GetMethods())
                _methods[method] = GrainMethod.Create(method);
    }

    public Type Type { get; }

    public static GrainInterface For(Type type) => Cache.GetOrAdd(type, static t => new GrainInterface(t));

    public GrainMethod this[MethodInfo method] =>
        _methods.TryGetValue(method, out var m) ? m : throw new NotSupportedException($"{method.DeclaringType}.{method.Name} is not a method of grain interface {Type}.");
}
