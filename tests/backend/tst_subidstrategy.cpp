// The three strategies: multiply (what sites run today), block (deterministic, never
// overlapping), allocate (first free block of the pool), and the 2^32 limit.
#include "subids/Strategy.h"
#include "subids/SubidFile.h"

#include <QTest>

using namespace podbay::helper::subids;

class TestSubidStrategy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names()
    {
        for (const auto s : {Strategy::Multiply, Strategy::Block, Strategy::Allocate})
            QCOMPARE(strategyFromName(strategyName(s)), std::optional(s));
        QVERIFY(!strategyFromName("Multiply"));
        QVERIFY(!strategyFromName(""));
    }

    void multiplyIsWhatTheShellLoopWrites()
    {
        StrategyParams p; // multiplier 10000, count 65536
        const auto r = deterministicRange(p, 1001);
        QVERIFY(r.range);
        QCOMPARE(r.range->start, std::uint64_t(10010001));
        QCOMPARE(r.range->end, std::uint64_t(10010001 + 65536));
        // Neighbours overlap by 55,536 ids: the reason `block` exists.
        const auto next = deterministicRange(p, 1002);
        QCOMPARE(r.range->end - next.range->start, std::uint64_t(55536));
    }

    void multiplyPast32Bits()
    {
        StrategyParams p;
        // 429490 * 10000 + 1 + 65536 = 4294965537 <= 4294967295; one more UID passes it.
        QVERIFY(deterministicRange(p, 429490).range);
        const auto r = deterministicRange(p, 429491);
        QVERIFY(!r.range);
        QVERIFY(r.refusal.find("2^32") != std::string::npos);
    }

    void blockIsContiguousAndNeverOverlaps()
    {
        StrategyParams p;
        p.kind = Strategy::Block;
        p.base = 100000;
        p.minUid = 1000;
        std::uint64_t previousEnd = 0;
        for (std::uint64_t uid = 1000; uid < 1100; ++uid) {
            const auto r = deterministicRange(p, uid);
            QVERIFY(r.range);
            QCOMPARE(r.range->start, 100000 + (uid - 1000) * 65536);
            if (previousEnd)
                QCOMPARE(r.range->start, previousEnd);
            previousEnd = r.range->end;
        }
        QVERIFY(!deterministicRange(p, 999).range); // below min_uid
    }

    void blockPast32Bits()
    {
        StrategyParams p;
        p.kind = Strategy::Block;
        // (4294967295 - 100000) / 65536 = 65534.5: blocks 0..65533 fit above the base.
        QVERIFY(deterministicRange(p, 1000 + 65533).range);
        const auto r = deterministicRange(p, 1000 + 65534);
        QVERIFY(!r.range);
        QVERIFY(r.refusal.find("would pass 2^32") != std::string::npos);
        QVERIFY(deterministicRange(p, 4294967294ULL).refusal.find("2^32") != std::string::npos);
    }

    void blockLastIdIsExactlyAtTheLimit()
    {
        StrategyParams p;
        p.kind = Strategy::Block;
        p.base = kIdLimit - 10;
        p.count = 10;
        p.minUid = 0;
        QCOMPARE(deterministicRange(p, 0).range->end, kIdLimit); // last id 4294967294
        p.count = 11;
        QVERIFY(!deterministicRange(p, 0).range);
    }

    void allocateFirstFit()
    {
        // Pool 100000..400000, taken: 100000+65536 and 200000+1000 and uid 300000.
        PoolAllocator pool(100000, 400000, {{200000, 201000}, {100000, 165536}, {300000, 300001}});
        QCOMPARE(pool.allocate(65536), std::optional<std::uint64_t>(201000));
        QCOMPARE(pool.allocate(30000), std::optional<std::uint64_t>(266536)); // the hole 266536..300000 is 33464
        QCOMPARE(pool.allocate(65536), std::optional<std::uint64_t>(300001));
        QVERIFY(!pool.allocate(65536)); // 365537 + 65536 - 1 > 400000
        QVERIFY(!pool.allocate(0));
    }

    void allocateFillsThePoolExactly()
    {
        PoolAllocator pool(1, 20, {});
        QCOMPARE(pool.allocate(10), std::optional<std::uint64_t>(1));
        QCOMPARE(pool.allocate(10), std::optional<std::uint64_t>(11)); // last id 20, inclusive
        QVERIFY(!pool.allocate(1));
    }

    void allocateNeverStartsAtZero()
    {
        PoolAllocator pool(0, 100, {});
        QCOMPARE(pool.allocate(5), std::optional<std::uint64_t>(1));
    }

    void allocateStaysBelowThe32BitLimit()
    {
        PoolAllocator pool(kIdLimit - 100, kIdLimit + 1000, {});
        QCOMPARE(pool.allocate(100), std::optional<std::uint64_t>(kIdLimit - 100)); // last id 4294967294
        QVERIFY(!pool.allocate(1));
    }
};

QTEST_GUILESS_MAIN(TestSubidStrategy)
#include "tst_subidstrategy.moc"
