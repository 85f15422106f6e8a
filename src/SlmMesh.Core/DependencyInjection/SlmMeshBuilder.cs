using Microsoft.Extensions.DependencyInjection;

namespace SlmMesh.DependencyInjection;

internal sealed class SlmMeshBuilder(IServiceCollection services) : ISlmMeshBuilder
{
    public IServiceCollection Services { get; } = services;
}
