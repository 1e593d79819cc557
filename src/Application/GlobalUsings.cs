// The namespaces nearly every file of this project uses.
global using System.Text.Json.Serialization;
global using FluentValidation;
global using Mediator;
global using Microsoft.EntityFrameworkCore;
global using VariantMiner.Application.Common;
global using VariantMiner.Application.Common.Exceptions;
global using VariantMiner.Application.Common.Interfaces;
global using VariantMiner.Application.Common.Requests;
global using VariantMiner.Application.Common.Security;
global using VariantMiner.Domain.Authorization;
global using VariantMiner.Domain.Organizations;
global using VariantMiner.Domain.Samples;
