using Microsoft.Extensions.DependencyInjection;

namespace SlmMesh;

/// <summary>Configures the mesh client registered by <see cref="SlmMeshServiceCollectionExtensions.AddSlmMesh"/>.</summary>
public interface ISlmMeshBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}
