// The namespaces nearly every file of this project uses.
global using FluentValidation;
global using Microsoft.EntityFrameworkCore;
global using VariantMiner.Application.Common.Exceptions;
global using VariantMiner.Domain.Authorization;
global using VariantMiner.Infrastructure.Persistence;
global using VariantMiner.TestSupport;
