using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime;

/// <summary>Registers grain classes and storage with the runtime; returned by AddActorRuntime.</summary>
public sealed class ActorRuntimeBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    public ActorRuntimeBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrain
        where TGrain : Grain, TGrainInterface
    {
        Services.AddSingleton(new GrainRegistration(typeof(TGrainInterface), typeof(TGrain)));
        return this;
    }

    /// <summary>Every concrete <see cref="Grain"/> in the assembly, for each grain interface it implements.</summary>
    public ActorRuntimeBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(Grain).IsAssignableFrom(t)))
            foreach (var grainInterface in type.GetInterfaces().Where(IsUserGrainInterface))
                Services.AddSingleton(new GrainRegistration(grainInterface, type));
        return this;
    }

    public ActorRuntimeBuilder AddMemoryGrainStorage(string name = PersistentStateAttribute.DefaultStorageName)
    {
        Services.AddMemoryGrainStorage(name);
        return this;
    }

    public ActorRuntimeBuilder AddGrainStorage(string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        Services.AddGrainStorage(name, factory);
        return this;
    }

    private static bool IsUserGrainInterface(Type type) =>
        typeof(IGrain).IsAssignableFrom(type) && type != typeof(IGrain) && type != typeof(IGrainWithStringKey) && !type.IsGenericTypeDefinition;
}
