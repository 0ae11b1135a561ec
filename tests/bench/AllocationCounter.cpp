//
// AllocationCounter.cpp
//
// Library: OrgsBench
// Package: Bench
// Module:  AllocationCounter
//


#include "AllocationCounter.h"
#include <atomic>
#include <cstdlib>
#include <new>


namespace {


thread_local std::uint64_t threadAllocations = 0;
std::atomic<std::uint64_t> totalAllocations{0};


inline void count()
{
	++threadAllocations;
	totalAllocations.fetch_add(1, std::memory_order_relaxed);
}


void* allocate(std::size_t size)
{
	count();
	if (size == 0)
		size = 1;
	for (;;)
	{
		if (void* p = std::malloc(size))
			return p;
		std::new_handler handler = std::get_new_handler();
		if (!handler)
			throw std::bad_alloc();
		handler();
	}
}


void* allocateAligned(std::size_t size, std::align_val_t alignment)
{
	count();
	const std::size_t align = static_cast<std::size_t>(alignment);
	// aligned_alloc wants a size that is a multiple of the alignment.
	const std::size_t rounded = ((size ? size : 1) + align - 1) / align * align;
	for (;;)
	{
		if (void* p = std::aligned_alloc(align, rounded))
			return p;
		std::new_handler handler = std::get_new_handler();
		if (!handler)
			throw std::bad_alloc();
		handler();
	}
}


} // namespace


namespace Orgs {
namespace Bench {


std::uint64_t AllocationCounter::thisThread()
{
	return threadAllocations;
}


std::uint64_t AllocationCounter::total()
{
	return totalAllocations.load(std::memory_order_relaxed);
}


} // namespace Bench
} // namespace Orgs


//
// The replaced global allocation functions.
//
void* operator new(std::size_t size)
{
	return allocate(size);
}


void* operator new[](std::size_t size)
{
	return allocate(size);
}


void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
	try
	{
		return allocate(size);
	}
	catch (...)
	{
		return nullptr;
	}
}


void* operator new[](std::size_t size, const std::nothrow_t&) noexcept
{
	try
	{
		return allocate(size);
	}
	catch (...)
	{
		return nullptr;
	}
}


void* operator new(std::size_t size, std::align_val_t alignment)
{
	return allocateAligned(size, alignment);
}


void* operator new[](std::size_t size, std::align_val_t alignment)
{
	return allocateAligned(size, alignment);
}


void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
	try
	{
		return allocateAligned(size, alignment);
	}
	catch (...)
	{
		return nullptr;
	}
}


void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
	try
	{
		return allocateAligned(size, alignment);
	}
	catch (...)
	{
		return nullptr;
	}
}


void operator delete(void* p) noexcept
{
	std::free(p);
}


void operator delete[](void* p) noexcept
{
	std::free(p);
}


void operator delete(void* p, std::size_t) noexcept
{
	std::free(p);
}


void operator delete[](void* p, std::size_t) noexcept
{
	std::free(p);
}


void operator delete(void* p, const std::nothrow_t&) noexcept
{
	std::free(p);
}


void operator delete[](void* p, const std::nothrow_t&) noexcept
{
	std::free(p);
}


void operator delete(void* p, std::align_val_t) noexcept
{
	std::free(p);
}


void operator delete[](void* p, std::align_val_t) noexcept
{
	std::free(p);
}


void operator delete(void* p, std::size_t, std::align_val_t) noexcept
{
	std::free(p);
}


void operator delete[](void* p, std::size_t, std::align_val_t) noexcept
{
	std::free(p);
}


void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept
{
	std::free(p);
}


void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept
{
	std::free(p);
}
