using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime;

public static class GrainStorageServiceCollectionExtensions
{
    /// <summary>Registers any <see cref="IGrainStorage"/> under <paramref name="name"/> (the storageName of [PersistentState]).</summary>
    public static IServiceCollection AddGrainStorage(this IServiceCollection services, string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => factory(sp));
    }

    /// <summary>Registers an in-memory storage under <paramref name="name"/>.</summary>
    public static IServiceCollection AddMemoryGrainStorage(this IServiceCollection services, string name = PersistentStateAttribute.DefaultStorageName) =>
        services.AddGrainStorage(name, _ => new MemoryGrainStorage());

    /// <summary>Makes <paramref name="name"/> also the storage of [PersistentState] parameters that name none.</summary>
    public static IServiceCollection AddMemoryGrainStorageAsDefault(this IServiceCollection services, string name = PersistentStateAttribute.DefaultStorageName)
    {
        services.AddMemoryGrainStorage(name);
        if (name != PersistentStateAttribute.DefaultStorageName)
            services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, (sp, _) => sp.GetRequiredKeyedService<IGrainStorage>(name));
        return services;
    }
}
