// The namespaces nearly every file of this project uses.
global using Microsoft.EntityFrameworkCore;
global using VariantMiner.Application.Common.Interfaces;
global using VariantMiner.Application.Common.Security;
global using VariantMiner.Domain.Organizations;
global using VariantMiner.Infrastructure.Persistence;
