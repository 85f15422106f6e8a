using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SlmMesh.DependencyInjection;

namespace SlmMesh;

/// <summary>Registers the mesh in a service collection.</summary>
public static class SlmMeshServiceCollectionExtensions
{
    /// <summary>
    /// Adds an <see cref="IMeshClientProvider"/> that connects to the mesh when the host starts (in the
    /// background) and leaves it when the host stops.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the client options.</param>
    /// <returns>A builder for further settings.</returns>
    public static ISlmMeshBuilder AddSlmMesh(this IServiceCollection services, Action<MeshClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MeshClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<MeshClientProvider>();
        services.TryAddSingleton<IMeshClientProvider>(sp => sp.GetRequiredService<MeshClientProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MeshClientHostedService>());
        return new SlmMeshBuilder(services);
    }

    /// <summary>Starts a broker inside this process when none runs (the default).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the broker options.</param>
    /// <returns>The builder.</returns>
    public static ISlmMeshBuilder WithInProcessBroker(this ISlmMeshBuilder builder, Action<MeshBrokerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var brokerOptions = new MeshBrokerOptions();
        configure?.Invoke(brokerOptions);
        builder.Services.Configure<MeshClientOptions>(o => o.BrokerLauncher = new InProcessBrokerLauncher(brokerOptions, o.LoggerFactory));
        return builder;
    }

    /// <summary>Starts a broker as a detached process that outlives this one, when none runs.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="launcher">The process to start, for example <see cref="ProcessBrokerLauncher.ForCurrentProcess"/>.</param>
    /// <returns>The builder.</returns>
    public static ISlmMeshBuilder WithBrokerProcess(this ISlmMeshBuilder builder, ProcessBrokerLauncher launcher)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(launcher);
        builder.Services.Configure<MeshClientOptions>(o => o.BrokerLauncher = launcher);
        return builder;
    }
}
