// The JSON-RPC frame reader and request parser (rpc/LineReader.h, rpc/Message.h, JSON-RPC
// 2.0): newline-delimited frames with a size limit, each parsed into a request or refused
// with an RpcError carrying the error response. Nothing else may escape: an exception
// of another type would end `podbay-helper serve`.
// Input: the first byte sets the frame limit (1..256 bytes, so oversize frames happen);
// the rest is the byte stream a client sends.

#include "FuzzInput.h"
#include "MemoryFd.h"

#include "rpc/LineReader.h"
#include "rpc/Message.h"

#include <string>

#include <unistd.h>

using namespace podbay::helper;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t limit = std::size_t(data[0]) + 1;
    const std::string_view stream = podbay::fuzz::asText(data + 1, size - 1);
    const int fd = podbay::fuzz::memoryFd(stream);
    rpc::LineReader reader(fd, limit);
    std::string frame;
    std::size_t consumed = 0;
    for (;;) {
        const rpc::LineReader::Status status = reader.next(frame);
        if (status == rpc::LineReader::Status::Eof || status == rpc::LineReader::Status::Error)
            break;
        if (++consumed > stream.size() + 1)
            podbay::fuzz::broken("the reader returned more frames than the input has bytes");
        if (status == rpc::LineReader::Status::Oversize)
            continue;
        if (frame.size() > limit)
            podbay::fuzz::broken("a frame over the limit was returned as a line");
        if (frame.find('\n') != std::string::npos)
            podbay::fuzz::broken("a frame holds a newline");
        try {
            const rpc::Request request = rpc::parseRequest(frame);
            (void)rpc::makeResult(request.id.value_or(nullptr), request.params);
        } catch (const rpc::RpcError &e) {
            (void)rpc::makeError(e.id, e.code, e.error).dump();
        }
    }
    // The whole frame parser on the unsplit stream too (frames up to the server's 4 MiB).
    try {
        (void)rpc::parseRequest(std::string(stream));
    } catch (const rpc::RpcError &) {
    }
    ::close(fd);
    return 0;
}
