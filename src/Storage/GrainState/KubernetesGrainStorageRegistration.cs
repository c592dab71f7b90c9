using k8s;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Actors.Storage.GrainState;

public static class KubernetesGrainStorageRegistration
{
    /// <summary>
    /// Registers <see cref="KubernetesGrainStorage"/> under <paramref name="name"/>, the storage name
    /// grains give in <c>[PersistentState(stateName, name)]</c>. It uses the <see cref="IKubernetes"/>
    /// client of the container and stores <see cref="StoredStateJson"/>.
    /// </summary>
    public static IServiceCollection AddKubernetesGrainStorage(this IServiceCollection services, string name,
        Func<IServiceProvider, IGrainStateLocator> locator, string fieldManager) =>
        services.AddGrainStorage(name, (sp, _) => new KubernetesGrainStorage(
            sp.GetRequiredService<IKubernetes>(), locator(sp), new StoredStateJson(), fieldManager));
}
