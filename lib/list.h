/* list.h: intrusive circular doubly linked list.
 *
 * A struct ovs_list is used both as the list head and as the node embedded
 * in each element.  An empty list's head points to itself.  All operations
 * are O(1) except ovs_list_size().  Not thread-safe. */
#ifndef LIST_H
#define LIST_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

struct ovs_list {
    struct ovs_list *prev;
    struct ovs_list *next;
};

#define OVS_LIST_INITIALIZER(LIST) { LIST, LIST }

static inline void
ovs_list_init(struct ovs_list *list)
{
    list->next = list->prev = list;
}

/* Makes LIST's pointers invalid so that a use after removal crashes
 * loudly instead of corrupting memory. */
static inline void
ovs_list_poison(struct ovs_list *list)
{
    struct ovs_list *poison
        = (struct ovs_list *) (uintptr_t) UINT64_C(0xcccccccccccccccc);

    list->prev = list->next = poison;
}

/* Inserts ELEM just before BEFORE. */
static inline void
ovs_list_insert(struct ovs_list *before, struct ovs_list *elem)
{
    elem->prev = before->prev;
    elem->next = before;
    before->prev->next = elem;
    before->prev = elem;
}

/* Removes elements FIRST through LAST (exclusive) from their list and
 * inserts them just before BEFORE. */
static inline void
ovs_list_splice(struct ovs_list *before, struct ovs_list *first,
                struct ovs_list *last)
{
    if (first == last) {
        return;
    }
    last = last->prev;

    first->prev->next = last->next;
    last->next->prev = first->prev;

    first->prev = before->prev;
    last->next = before;
    before->prev->next = first;
    before->prev = last;
}

static inline void
ovs_list_push_front(struct ovs_list *list, struct ovs_list *elem)
{
    ovs_list_insert(list->next, elem);
}

static inline void
ovs_list_push_back(struct ovs_list *list, struct ovs_list *elem)
{
    ovs_list_insert(list, elem);
}

/* Puts ELEM in POSITION's place; POSITION is then no longer in a list. */
static inline void
ovs_list_replace(struct ovs_list *elem, const struct ovs_list *position)
{
    elem->next = position->next;
    elem->next->prev = elem;
    elem->prev = position->prev;
    elem->prev->next = elem;
}

static inline bool
ovs_list_is_empty(const struct ovs_list *list)
{
    return list->next == list;
}

/* Fixes up LIST after its head was moved to another address; ORIG is where
 * it was.  An empty list must be re-initialized instead, which this does. */
static inline void
ovs_list_moved(struct ovs_list *list, const struct ovs_list *orig)
{
    if (list->next == orig) {
        ovs_list_init(list);
    } else {
        list->prev->next = list->next->prev = list;
    }
}

/* Moves the contents of SRC to DST, leaving SRC empty. */
static inline void
ovs_list_push_back_all(struct ovs_list *dst, struct ovs_list *src)
{
    ovs_list_splice(dst, src->next, src);
}

/* Removes ELEM from its list and returns the element that followed it. */
static inline struct ovs_list *
ovs_list_remove(struct ovs_list *elem)
{
    elem->prev->next = elem->next;
    elem->next->prev = elem->prev;
    return elem->next;
}

static inline struct ovs_list *
ovs_list_pop_front(struct ovs_list *list)
{
    struct ovs_list *front = list->next;

    ovs_list_remove(front);
    return front;
}

static inline struct ovs_list *
ovs_list_pop_back(struct ovs_list *list)
{
    struct ovs_list *back = list->prev;

    ovs_list_remove(back);
    return back;
}

static inline struct ovs_list *
ovs_list_front(const struct ovs_list *list)
{
    return list->next;
}

static inline struct ovs_list *
ovs_list_back(const struct ovs_list *list)
{
    return list->prev;
}

static inline size_t
ovs_list_size(const struct ovs_list *list)
{
    const struct ovs_list *e;
    size_t n = 0;

    for (e = list->next; e != list; e = e->next) {
        n++;
    }
    return n;
}

static inline bool
ovs_list_is_singleton(const struct ovs_list *list)
{
    return !ovs_list_is_empty(list) && list->next == list->prev;
}

/* True if LIST has at most one element. */
static inline bool
ovs_list_is_short(const struct ovs_list *list)
{
    return list->next == list->prev;
}

/* Iteration.  ITER points to the caller's struct, MEMBER names its struct
 * ovs_list member.  After a loop that ran to the end, ITER is NULL. */
#define LIST_FOR_EACH(ITER, MEMBER, LIST)                               \
    for (struct ovs_list *lnode__ = (LIST)->next;                       \
         lnode__ != (LIST) ? ASSIGN_CONTAINER(ITER, lnode__, MEMBER)    \
                           : ((ITER) = NULL, 0);                        \
         lnode__ = lnode__->next)

/* Continues after ITER, which must be in LIST. */
#define LIST_FOR_EACH_CONTINUE(ITER, MEMBER, LIST)                      \
    for (struct ovs_list *lnode__ = (ITER)->MEMBER.next;                \
         lnode__ != (LIST) ? ASSIGN_CONTAINER(ITER, lnode__, MEMBER)    \
                           : ((ITER) = NULL, 0);                        \
         lnode__ = lnode__->next)

#define LIST_FOR_EACH_REVERSE(ITER, MEMBER, LIST)                       \
    for (struct ovs_list *lnode__ = (LIST)->prev;                       \
         lnode__ != (LIST) ? ASSIGN_CONTAINER(ITER, lnode__, MEMBER)    \
                           : ((ITER) = NULL, 0);                        \
         lnode__ = lnode__->prev)

/* The body may remove (and free) ITER. */
#define LIST_FOR_EACH_SAFE(ITER, MEMBER, LIST)                          \
    for (struct ovs_list *lnode__ = (LIST)->next, *lnext__;             \
         lnode__ != (LIST) ? (lnext__ = lnode__->next,                  \
                              ASSIGN_CONTAINER(ITER, lnode__, MEMBER))  \
                           : ((ITER) = NULL, 0);                        \
         lnode__ = lnext__)

#define LIST_FOR_EACH_REVERSE_SAFE(ITER, MEMBER, LIST)                  \
    for (struct ovs_list *lnode__ = (LIST)->prev, *lprev__;             \
         lnode__ != (LIST) ? (lprev__ = lnode__->prev,                  \
                              ASSIGN_CONTAINER(ITER, lnode__, MEMBER))  \
                           : ((ITER) = NULL, 0);                        \
         lnode__ = lprev__)

/* Removes each element from the front in turn and runs the body on it. */
#define LIST_FOR_EACH_POP(ITER, MEMBER, LIST)                           \
    while (!ovs_list_is_empty(LIST)                                     \
           ? ASSIGN_CONTAINER(ITER, ovs_list_pop_front(LIST), MEMBER)   \
           : ((ITER) = NULL, 0))

#endif /* list.h */
