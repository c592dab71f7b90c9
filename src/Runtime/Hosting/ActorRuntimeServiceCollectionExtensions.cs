using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime;

public static class ActorRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the actor runtime: <see cref="ActorRuntime"/> and <see cref="IGrainFactory"/> singletons,
    /// a hosted service that starts and stops it, and TimeProvider.System unless a TimeProvider
    /// is already registered.
    /// </summary>
    public static ActorRuntimeBuilder AddActorRuntime(this IServiceCollection services, Action<ActorRuntimeOptions>? configure = null)
    {
        var options = services.AddOptions<ActorRuntimeOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GrainClassRegistry(sp.GetServices<GrainRegistration>()));
        services.TryAddSingleton(sp => new ActorRuntime(sp, sp.GetRequiredService<GrainClassRegistry>(), sp.GetRequiredService<IOptions<ActorRuntimeOptions>>()));
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ActorRuntime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ActorRuntimeHostedService>());
        return new ActorRuntimeBuilder(services);
    }
}
